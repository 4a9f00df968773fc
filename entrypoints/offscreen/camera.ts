/**
 * The camera, open only while reading. Frames come from MediaStreamTrackProcessor (or ImageCapture):
 * an offscreen document never fires requestAnimationFrame or requestVideoFrameCallback.
 */

const liveTracks = new Set<MediaStreamTrack>();

export function liveTrackCount(): number {
  for (const track of liveTracks) if (track.readyState === 'ended') liveTracks.delete(track);
  return liveTracks.size;
}

export interface Camera {
  /** The next frame as an ImageBitmap (the caller closes it). */
  nextFrame(): Promise<ImageBitmap>;
  stop(): void;
}

/** `highResolution` (movie night): 1280×720 if the camera has it, so faces across a room stay big enough. */
export async function openCamera({ highResolution = false } = {}): Promise<Camera> {
  const size = highResolution
    ? { width: { ideal: 1280 }, height: { ideal: 720 } }
    : { width: { ideal: 640 }, height: { ideal: 480 } };
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { ...size, facingMode: 'user' },
    audio: false,
  });
  const track = stream.getVideoTracks()[0];
  if (!track) throw Object.assign(new Error('no video track'), { name: 'NotFoundError' });
  liveTracks.add(track);
  const stop = () => {
    for (const t of stream.getTracks()) t.stop();
    liveTracks.delete(track);
  };
  try {
    return { nextFrame: frameReader(track), stop };
  } catch (error) {
    stop();
    throw error;
  }
}

// Chrome-only capture APIs the DOM typings do not carry.
declare class ImageCapture {
  constructor(track: MediaStreamTrack);
  grabFrame(): Promise<ImageBitmap>;
}

type Processor = { readable: ReadableStream<VideoFrame> };
type ProcessorConstructor = new (init: { track: MediaStreamTrack }) => Processor;

function frameReader(track: MediaStreamTrack): () => Promise<ImageBitmap> {
  const Processor = (globalThis as { MediaStreamTrackProcessor?: ProcessorConstructor }).MediaStreamTrackProcessor;
  if (Processor) {
    const reader = new Processor({ track }).readable.getReader();
    return async () => {
      const { value: frame, done } = await reader.read();
      if (done || !frame) throw new Error('the camera stopped sending frames');
      try {
        return await createImageBitmap(frame);
      } finally {
        frame.close();
      }
    };
  }
  const capture = new ImageCapture(track);
  return () => capture.grabFrame();
}
