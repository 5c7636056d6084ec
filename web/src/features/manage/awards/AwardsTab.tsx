import { Route, Routes } from 'react-router';
import { AllocationPage } from './AllocationPage.tsx';

/** The awards: the allocation the committee approves and announces. */
export default function AwardsTab() {
  return (
    <Routes>
      <Route index element={<AllocationPage />} />
    </Routes>
  );
}
