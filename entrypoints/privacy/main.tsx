import { render } from 'preact';
import '@/components/theme.css';
import { PrivacyPolicy } from './PrivacyPolicy';

render(<PrivacyPolicy />, document.getElementById('app')!);
