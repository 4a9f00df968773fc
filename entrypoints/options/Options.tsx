import { Logo } from '@/components/Logo';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { BackendSpeedTest } from '@/components/options/BackendSpeedTest';
import { CatalogueSection } from '@/components/options/CatalogueSection';
import { NotThisFilmList } from '@/components/options/NotThisFilmList';
import { CorrectionsSummary } from '@/components/options/CorrectionsSummary';
import { CustomWeightsEditor } from '@/components/options/CustomWeightsEditor';
import { FeedbackSummary } from '@/components/options/FeedbackSummary';
import { HistorySection } from '@/components/options/HistorySection';
import { KeyboardShortcut } from '@/components/options/KeyboardShortcut';
import { PrivacySection } from '@/components/options/PrivacySection';
import { RowPreview } from '@/components/options/RowPreview';
import { RowHiddenNotice } from '@/components/RowHiddenNotice';
import { SettingField } from '@/components/options/SettingField';
import { RestingFaceCalibration } from '@/components/RestingFace';
import { createCatalogueService } from '@/lib/browser/catalogue-service';
import { openStores } from '@/lib/browser/database';
import { ALL_SETTINGS, type SectionId } from '@/lib/browser/settings';

const SECTIONS: { id: SectionId; title: string }[] = [
  { id: 'picks', title: 'Picks' },
  { id: 'sites', title: 'Streaming sites' },
  { id: 'reading', title: 'Reading' },
  { id: 'history', title: 'Mood history' },
  { id: 'privacy', title: 'Privacy' },
];

/** The "Saved." line: each confirmation shows for two seconds, and a newer one restarts the clock. */
function useConfirmation(): [string, (text: string) => void] {
  const [text, setText] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  return [
    text,
    (next: string) => {
      clearTimeout(timer.current);
      setText(next);
      timer.current = setTimeout(() => setText(''), 2000);
    },
  ];
}

export function Options() {
  const [saved, confirm] = useConfirmation();
  // One connection to the extension's database for the whole page, shared by every section.
  const stores = useMemo(() => openStores(), []);
  const catalogue = useMemo(() => createCatalogueService({ repository: stores.catalogue }), [stores]);
  const extras: Partial<Record<SectionId, ComponentChildren>> = {
    picks: (
      <>
        <CustomWeightsEditor onSaved={confirm} />
        <FeedbackSummary catalogue={catalogue} onChange={confirm} />
        <CatalogueSection catalogue={catalogue} onChange={confirm} />
        <NotThisFilmList catalogue={catalogue} onChange={confirm} />
      </>
    ),
    reading: (
      <>
        <RestingFaceCalibration onChange={confirm} />
        <BackendSpeedTest />
        <KeyboardShortcut />
      </>
    ),
    sites: (
      <>
        <RowHiddenNotice />
        <RowPreview />
      </>
    ),
    history: (
      <>
        <HistorySection store={stores.history} onChange={confirm} />
        <CorrectionsSummary store={stores.corrections} onChange={confirm} />
      </>
    ),
    privacy: <PrivacySection catalogue={catalogue} stores={stores} onChange={confirm} />,
  };

  return (
    <main class="page options">
      <h1>
        <Logo /> MoodReel settings
      </h1>
      <nav class="options__nav" aria-label="Sections">
        {SECTIONS.map((s) => (
          <a key={s.id} href={`#${s.id}`}>
            {s.title}
          </a>
        ))}
      </nav>
      {SECTIONS.map((section) => (
        <section key={section.id} id={section.id} class="options__section" aria-labelledby={`${section.id}-title`}>
          <h2 id={`${section.id}-title`}>{section.title}</h2>
          {ALL_SETTINGS.filter((s) => s.spec.form?.section === section.id).map((setting) => (
            <SettingField key={setting.key} setting={setting} onSaved={confirm} />
          ))}
          {extras[section.id]}
        </section>
      ))}
      <p class="saved" role="status" data-testid="saved">
        {saved}
      </p>
    </main>
  );
}
