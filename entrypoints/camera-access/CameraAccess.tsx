import { Logo } from '@/components/Logo';
import { CameraPermission } from '@/components/CameraPermission';

/** The tab the popup opens when the camera was never asked for. */
export function CameraAccess() {
  return (
    <main class="page narrow">
      <h1>
        <Logo /> MoodReel needs your camera
      </h1>
      <CameraPermission />
    </main>
  );
}
