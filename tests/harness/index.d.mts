// Types for index.mjs, so the strict TypeScript e2e tests can use the plain-ESM harness.
import type { BrowserContext, Browser, CDPSession, Page, Worker } from 'playwright-core';
import type { Server } from 'node:http';

export declare const ROOT: string;
export declare const EXTENSION_DIR: string;
export declare const TMP_DIR: string;
export declare const FACES_DIR: string;
export declare const SHARED_MODELS_DIR: string;
export declare const FIXTURES_DIR: string;
export declare const HARNESS_PAGES_DIR: string;
export declare const FACE_PHOTOS: {
  angry: string;
  happy: string;
  neutral: string;
  sad: string;
  surprise: string;
};
export declare const GROUP_PHOTO: string;

export declare function findChrome(): string;
export declare function buildExtension(options?: { quiet?: boolean }): string;
export declare function snapshotExtension(dir?: string): string;
export declare function isBuilt(dir?: string): boolean;
export declare function hasDisplay(): boolean;

export type PermissionSetting = 'granted' | 'denied' | 'prompt';

export interface LaunchOptions {
  /** The unpacked extension (default .output/chrome-mv3). */
  extensionDir?: string;
  /** Load a private copy made once per process (default true), safe from concurrent rebuilds. */
  snapshot?: boolean;
  /** A .y4m file for the fake camera, 'default' for Chromium's built-in pattern, null for no fake device. */
  camera?: string | 'default' | null;
  /** Auto-accept camera prompts (default: on when a camera is given and no cameraPermission is). */
  fakeUi?: boolean;
  /** Informational: the test intends to drive the permission over CDP (turns the fake UI off by default). */
  cameraPermission?: PermissionSetting;
  /** host → port on 127.0.0.1 (or "host:port"): `--host-resolver-rules=MAP host 127.0.0.1:port`. */
  hostMap?: Record<string, number | string>;
  headless?: boolean;
  /** A persistent profile; default a fresh temp dir removed at close. */
  userDataDir?: string;
  executablePath?: string;
  args?: string[];
  /** Record Chromium's NetLog and read it at close (default true). */
  netLog?: boolean;
  keepNetLog?: boolean;
  /** Ask for WebGL/WebGPU on a software GPU (SwiftShader). */
  gpu?: boolean;
  viewport?: { width: number; height: number } | null;
}

export interface RecordedRequest {
  url: string;
  /** page | service-worker | cdp:<target type> | netlog */
  source: string;
  /** The page or worker URL that made it, where known. */
  context?: string;
  initiator?: string;
  method?: string;
  at: number;
}

export declare class RequestRecorder {
  entries: RecordedRequest[];
  browserInternal: RecordedRequest[];
  extensionId: string;
  record(entry: Omit<RecordedRequest, 'at'> & { at?: number }): void;
  attachContext(context: BrowserContext): void;
  attachCdp(cdp: CDPSession): Promise<void>;
  addNetLog(file: string): void;
  outside(options?: { hosts?: string[]; extensionId?: string }): RecordedRequest[];
}

export declare function isAllowedUrl(url: string, options?: { hosts?: string[]; extensionId?: string }): boolean;

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  title: string;
  attached: boolean;
}

export interface Harness {
  context: BrowserContext;
  browser: Browser | null;
  cdp: CDPSession | null;
  serviceWorker: Worker;
  extensionId: string;
  extensionOrigin: string;
  recorder: RequestRecorder;
  userDataDir: string;
  /** The directory actually loaded (the snapshot, unless snapshot: false). */
  extensionDir: string;
  /** Milliseconds from launch to the extension's service worker being known. */
  launchMs: number;
  url(page: string): string;
  openPopup(): Promise<Page>;
  setCameraPermission(setting: PermissionSetting, origin?: string): Promise<void>;
  targets(): Promise<TargetInfo[]>;
  /** Evaluate an expression (awaited, returned by value) in the first non-page target whose URL starts so. */
  evaluateInTarget(urlPrefix: string, expression: string): Promise<unknown>;
  /** Live camera tracks in the offscreen document (0 and offscreen:false when there is none). */
  offscreenStatus(page?: Page): Promise<{ offscreen: boolean; liveTracks: number }>;
  /** Close the browser, read the NetLog into the recorder, remove a temp profile. */
  close(): Promise<RequestRecorder>;
}

export declare function launchExtension(options?: LaunchOptions): Promise<Harness>;

export interface ServerOptions {
  /** URL prefix → folder or file. */
  mounts?: Record<string, string>;
  port?: number;
  headers?: Record<string, string>;
}

export interface StaticServer {
  port: number;
  origin: string;
  url(path?: string): string;
  requests: { url: string; path: string; host: string; method: string }[];
  server: Server;
  close(): Promise<void>;
}

export declare function startStaticServer(options?: ServerOptions): Promise<StaticServer>;

export declare function makeY4m(
  image: string,
  options?: { seconds?: number; fps?: number; width?: number; noise?: number },
): string;
export declare function makeSolidY4m(
  color?: string,
  options?: { seconds?: number; fps?: number; width?: number; height?: number },
): string;
export declare function makeSolidJpeg(color?: string, options?: { width?: number; height?: number }): string;
export declare function makeBrokenJpeg(): string;
export declare function makeTinyPng(options?: { width?: number; height?: number }): string;
export declare function makeLargeJpeg(image: string, options?: { width?: number }): string;
export declare function makeTruncatedJpeg(image: string, options?: { fraction?: number }): string;
export declare function makeEmptyJpeg(): string;
export declare function makeSvg(): string;
export declare function makeSideBySide(images: string[], options?: { height?: number }): string;
export declare function facePath(name: string): string;

export interface CameraFrame {
  width: number;
  height: number;
  mean: [number, number, number];
  lumaStd: number;
  label: string;
}

export declare function readCameraFrame(context: BrowserContext, server: StaticServer): Promise<CameraFrame>;
export declare function harnessMounts(): Record<string, string>;
export declare function sleep(ms: number): Promise<void>;
export declare function median(values: number[]): number;
export declare function percentile(values: number[], p: number): number;
export declare function run(command: string, args: string[], options?: object): Promise<number>;

export interface TextSizes {
  /** Computed font sizes in CSS px. */
  body: number;
  html: number;
  /** Each visible text node: its element's font size, the text (cut at 60) and where it is. */
  texts: { size: number; text: string; where: string }[];
}
/** Runs in a page (pass to page.evaluate): the computed sizes of the body and of every visible text. */
export declare function readTextSizes(): TextSizes;
/** What breaks the type rule (body ≥ minBody px, ≥ 90 % of texts ≥ 12 px, none under 11 px); empty when kept. */
export declare function textSizeProblems(sizes: TextSizes, options?: { minBody?: number }): string[];
