/** Browser entry: mounts the app and registers the service worker of the installed PWA. */
import { createRoot } from 'react-dom/client';
import { Boot } from './Boot.tsx';
import { registerServiceWorker } from './sw/register.ts';
import './styles.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<Boot />);
registerServiceWorker();
