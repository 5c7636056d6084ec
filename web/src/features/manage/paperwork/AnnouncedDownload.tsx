import { useQuery } from '@tanstack/react-query';
import { getAllocation } from '../../../api/awards.ts';

/** Whether the contest's prize results are announced (the papers made from them are offered only then). */
export function useResultsAnnounced(slug: string): { announced: boolean; known: boolean } {
  const view = useQuery({ queryKey: ['awards-allocation', slug], queryFn: () => getAllocation(slug) });
  return { announced: view.data?.versions.some((v) => v.state === 'announced') ?? false, known: view.isSuccess };
}

/** A download button, shown disabled (and not a link) until the results are announced. */
export function AnnouncedDownload(props: { href: string; testId: string; label: string; announced: boolean }) {
  return props.announced ? (
    <a className="ant-btn ant-btn-default" href={props.href} download data-testid={props.testId}>
      {props.label}
    </a>
  ) : (
    <span className="ant-btn ant-btn-default ant-btn-disabled" aria-disabled="true">
      {props.label}
    </span>
  );
}
