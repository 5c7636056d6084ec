import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import { Route, Routes } from 'react-router';
import { AllocationPage } from './AllocationPage.tsx';

const CeremonyPage = lazy(() => import('./CeremonyPage.tsx'));

/** The awards: the allocation the committee approves and announces, and the ceremony's presentation. */
export default function AwardsTab() {
  return (
    <Routes>
      <Route index element={<AllocationPage />} />
      <Route
        path="ceremony"
        element={
          <Suspense fallback={<Spin />}>
            <CeremonyPage />
          </Suspense>
        }
      />
    </Routes>
  );
}
