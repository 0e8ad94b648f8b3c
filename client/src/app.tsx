import type { PropsWithChildren } from 'react';
import './app.css';

// Cloud init happens lazily in the weapp transport, so the app shell has nothing to set up.
export default function App({ children }: PropsWithChildren) {
  return children;
}
