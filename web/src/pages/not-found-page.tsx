import { Empty } from '../components/states.tsx';
import { Link, useLocation } from '../router.tsx';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <div className="stack">
      <Empty title="Page not found">
        Nothing lives at <code>{pathname}</code>. Go to the <Link to="/">dashboard</Link> or the{' '}
        <Link to="/batches">batches</Link>.
      </Empty>
    </div>
  );
}
