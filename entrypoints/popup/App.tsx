import { Logo } from '@/components/Logo';
import { browser } from 'wxt/browser';
import { MoodReader } from '@/components/MoodReader';
import { BadgedOnThisTab } from '@/components/BadgedOnThisTab';
import { RowHiddenNotice } from '@/components/RowHiddenNotice';

async function openCameraAccessPage(): Promise<boolean> {
  // The popup closes as soon as a permission prompt would open, so a tab of ours asks instead.
  await browser.tabs.create({ url: browser.runtime.getURL('/camera-access.html') });
  return true;
}

export function App() {
  return (
    <main class="page popup">
      <header class="header">
        <h1>
          <Logo /> MoodReel
        </h1>
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          Settings
        </a>
      </header>
      <MoodReader onCameraNeverAsked={openCameraAccessPage} />
      <BadgedOnThisTab />
      <RowHiddenNotice />
    </main>
  );
}
