import { render } from 'preact';
import '@/components/theme.css';
import { CameraAccess } from './CameraAccess';

render(<CameraAccess />, document.getElementById('app')!);
