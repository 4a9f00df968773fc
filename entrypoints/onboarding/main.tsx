import { render } from 'preact';
import '@/components/theme.css';
import { Onboarding } from './Onboarding';

render(<Onboarding />, document.getElementById('app')!);
