import { NotFoundMessage } from '@/components/NotFoundMessage';

// A record that does not exist or lies outside the user's sites: the layout around it
// already holds the page's <main>.
export default function NotFound() {
  return <NotFoundMessage />;
}
