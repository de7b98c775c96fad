/**
 * The condition assessment for every category and the rules that turn its answers into a grade.
 *
 * Each option carries a `cap`: the best grade a device can still have with that answer. The final
 * grade is the worst cap over all answers (see `gradeAnswers` in ./grading.ts). The caps follow the
 * grade definitions in ./grade.ts:
 *   Flawless — like new, no visible marks at arm's length, everything works
 *   Good     — light signs of use (fine scratches, small scuffs), everything works
 *   Fair     — visible scratches or dents, everything works
 *   Broken   — cracked glass, a fault, or does not power on
 * A device still linked to an account (activation lock) cannot be accepted: that answer caps at
 * Broken and the help text tells the seller to remove the account before shipping.
 *
 * Question and option ids are stable API: stored with assessments and sent by clients. Never rename them.
 */
import type { Grade } from './grade.ts';
import type { CategoryId, GradingRules, Question, Questionnaire } from './catalog-types.ts';

interface OptionDef {
  id: string;
  label: string;
  cap: Grade;
  reason?: string;
}
interface QuestionDef {
  id: string;
  text: string;
  help?: string;
  options: OptionDef[];
}

// ---------------------------------------------------------------------------------------------
// Building blocks shared by several categories.
// ---------------------------------------------------------------------------------------------

function powersOn(text: string, help: string, noLabel: string, noReason: string): QuestionDef {
  return {
    id: 'powers_on',
    text,
    help,
    options: [
      { id: 'yes', label: 'Yes, it turns on and works', cap: 'Flawless' },
      { id: 'no', label: noLabel, cap: 'Broken', reason: noReason },
    ],
  };
}

function screen(text: string, crackedLabel: string): QuestionDef {
  return {
    id: 'screen',
    text,
    help: 'Look at the screen switched off under a bright light, then switched on with a white background.',
    options: [
      { id: 'flawless', label: 'Like new: no scratches', cap: 'Flawless' },
      {
        id: 'light',
        label: 'Fine scratches, only visible up close',
        cap: 'Good',
        reason: 'The screen has fine scratches (light signs of use).',
      },
      {
        id: 'scratched',
        label: 'Visible scratches or scuffs',
        cap: 'Fair',
        reason: 'The screen has visible scratches.',
      },
      {
        id: 'cracked',
        label: crackedLabel,
        cap: 'Broken',
        reason: 'The screen is cracked or has a display fault.',
      },
    ],
  };
}

function body(text: string, help: string, lightLabel: string, wornLabel: string, damagedLabel: string, damagedReason: string): QuestionDef {
  return {
    id: 'body',
    text,
    help,
    options: [
      { id: 'flawless', label: 'Like new: no marks at arm’s length', cap: 'Flawless' },
      { id: 'light', label: lightLabel, cap: 'Good', reason: 'The body shows light signs of use.' },
      { id: 'worn', label: wornLabel, cap: 'Fair', reason: 'The body has visible scratches or dents.' },
      { id: 'damaged', label: damagedLabel, cap: 'Broken', reason: damagedReason },
    ],
  };
}

function worksQuestion(id: string, text: string, help: string, faultLabel: string, faultReason: string): QuestionDef {
  return {
    id,
    text,
    help,
    options: [
      { id: 'all_work', label: 'Yes, everything works', cap: 'Flawless' },
      { id: 'fault', label: faultLabel, cap: 'Broken', reason: faultReason },
    ],
  };
}

function batteryHealth(help: string, highLabel = '85% or higher'): QuestionDef {
  return {
    id: 'battery',
    text: 'What is the battery health?',
    help,
    options: [
      { id: 'high', label: highLabel, cap: 'Flawless' },
      { id: 'medium', label: '80–84%', cap: 'Good', reason: 'Battery health is 80–84% (normal wear).' },
      { id: 'low', label: 'Below 80%', cap: 'Fair', reason: 'Battery health is below 80%.' },
      {
        id: 'service',
        label: '“Service” warning, or the battery is swollen',
        cap: 'Broken',
        reason: 'The battery needs service.',
      },
    ],
  };
}

function accountLock(text: string, help: string, linkedLabel: string): QuestionDef {
  return {
    id: 'account_lock',
    text,
    help,
    options: [
      { id: 'signed_out', label: 'Yes, it is signed out of every account', cap: 'Flawless' },
      {
        id: 'still_linked',
        label: linkedLabel,
        cap: 'Broken',
        reason:
          'Still linked to an account (activation lock): it must be removed before shipping, otherwise the device cannot be accepted.',
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The questionnaires.
// ---------------------------------------------------------------------------------------------

const DEFS: Record<CategoryId, QuestionDef[]> = {
  smartphones: [
    powersOn(
      'Does the phone turn on and stay on?',
      'Charge it for at least 30 minutes first. It should start up to the lock screen without restarting by itself.',
      'No, it doesn’t turn on or keeps restarting',
      'The phone does not power on or keeps restarting.',
    ),
    screen(
      'What condition is the screen in?',
      'Cracked or chipped glass, or a display fault (dead pixels, lines, burn-in, touch not responding)',
    ),
    body(
      'What condition is the body (frame and back)?',
      'Take off any case and look at the frame, the back and around the cameras at arm’s length.',
      'Light signs of use: fine scratches or small scuffs',
      'Visible scratches, scuffs or small dents',
      'Cracked back glass, bent frame or deep dents',
      'The back glass is cracked or the frame is bent or damaged.',
    ),
    worksQuestion(
      'functions',
      'Does everything work?',
      'Check the buttons, front and rear cameras, Face ID / Touch ID / fingerprint sensor, speakers, microphone, charging port, Wi-Fi, Bluetooth and mobile signal.',
      'No, something doesn’t work',
      'Something doesn’t work (a button, camera, Face ID / Touch ID, speaker, microphone, port or signal).',
    ),
    batteryHealth(
      'iPhone: Settings › Battery › Battery Health. Android: see Battery or Device care in Settings. If your phone doesn’t show it, choose the answer that best matches how long a charge lasts compared with when it was new.',
    ),
    accountLock(
      'Is the phone signed out of iCloud / Google / Samsung accounts?',
      'Before shipping, turn off Find My and sign out of iCloud (iPhone), remove your Google and Samsung accounts (Android), then erase the phone. A phone still linked to an account cannot be accepted.',
      'No, it is still linked to an account',
    ),
  ],

  tablets: [
    powersOn(
      'Does the tablet turn on and stay on?',
      'Charge it for at least 30 minutes first. It should start up to the lock screen without restarting by itself.',
      'No, it doesn’t turn on or keeps restarting',
      'The tablet does not power on or keeps restarting.',
    ),
    screen(
      'What condition is the screen in?',
      'Cracked or chipped glass, or a display fault (dead pixels, lines, bright spots, touch not responding)',
    ),
    body(
      'What condition is the body (edges and back)?',
      'Take off any case or keyboard cover and look at the edges, corners and back at arm’s length.',
      'Light signs of use: fine scratches or small scuffs',
      'Visible scratches, scuffs or small dents',
      'Bent body, cracked back or deep dents',
      'The body is bent, cracked or deeply dented.',
    ),
    worksQuestion(
      'functions',
      'Does everything work?',
      'Check the buttons, cameras, Face ID / Touch ID / fingerprint sensor, speakers, microphone, charging port, Wi-Fi, Bluetooth and, for cellular models, mobile signal.',
      'No, something doesn’t work',
      'Something doesn’t work (a button, camera, Face ID / Touch ID, speaker, microphone, port or signal).',
    ),
    batteryHealth(
      'iPad: Settings › Battery › Battery Health (iPadOS 17.4 and later). Android: see Battery or Device care in Settings. If it isn’t shown, choose the answer that best matches how long a charge lasts compared with when it was new.',
    ),
    accountLock(
      'Is the tablet signed out of iCloud / Google / Samsung accounts?',
      'Before shipping, turn off Find My and sign out of iCloud (iPad), remove your Google, Samsung or Microsoft accounts, then erase the tablet. A tablet still linked to an account cannot be accepted.',
      'No, it is still linked to an account',
    ),
  ],

  laptops: [
    powersOn(
      'Does the laptop turn on and start up?',
      'Plug in the charger. It should start up to the login screen or the setup assistant.',
      'No, it doesn’t turn on or doesn’t start up',
      'The laptop does not power on or start up.',
    ),
    screen(
      'What condition is the screen in?',
      'Cracked, or a display fault (dead pixels, lines, stains, backlight or coating damage)',
    ),
    body(
      'What condition is the case (lid, palm rest and bottom)?',
      'Close the lid and look at the lid, the palm rest, the bottom and the corners at arm’s length.',
      'Light signs of use: fine scratches or small scuffs',
      'Visible scratches, scuffs or dents',
      'Cracked or bent case, broken or loose hinge',
      'The case is cracked or bent, or the hinge is broken.',
    ),
    worksQuestion(
      'keyboard_trackpad',
      'Do the keyboard and trackpad work?',
      'Every key should type, including the function row, and the trackpad should click and track smoothly.',
      'No: missing, sticky or dead keys, or a trackpad problem',
      'A key or the trackpad doesn’t work.',
    ),
    worksQuestion(
      'ports_functions',
      'Does everything else work?',
      'Check every port, charging, the webcam, speakers, microphone, Touch ID / fingerprint reader, Wi-Fi and Bluetooth.',
      'No, something doesn’t work',
      'Something doesn’t work (a port, charging, webcam, speaker, microphone, Wi-Fi or Bluetooth).',
    ),
    batteryHealth(
      'Mac: System Settings › Battery › Battery Health (“Normal” usually means 80% or more; click ⓘ for the exact figure). Windows: run “powercfg /batteryreport” and compare full charge capacity with design capacity.',
    ),
    accountLock(
      'Is the laptop signed out of every account and free of passwords?',
      'Before shipping: on a Mac, turn off Find My Mac, sign out of your Apple Account and remove any firmware password; on Windows, remove your Microsoft account, turn off BitLocker and remove any BIOS password. Then erase the laptop. A laptop still locked to an account cannot be accepted.',
      'No, it is still linked to an account or password-locked',
    ),
  ],

  consoles: [
    powersOn(
      'Does the console turn on and reach the home screen?',
      'Connect it to a TV (or charge it, for handhelds). It should reach the home screen without errors.',
      'No, it doesn’t turn on or shows an error',
      'The console does not power on or shows an error.',
    ),
    {
      id: 'screen',
      text: 'If it has a built-in screen (Switch, Steam Deck, handheld), what condition is the screen in?',
      help: 'Home consoles such as PlayStation and Xbox have no built-in screen: choose “No built-in screen”.',
      options: [
        { id: 'no_screen', label: 'No built-in screen', cap: 'Flawless' },
        { id: 'flawless', label: 'Like new: no scratches', cap: 'Flawless' },
        {
          id: 'light',
          label: 'Fine scratches, only visible up close',
          cap: 'Good',
          reason: 'The screen has fine scratches (light signs of use).',
        },
        { id: 'scratched', label: 'Visible scratches or scuffs', cap: 'Fair', reason: 'The screen has visible scratches.' },
        {
          id: 'cracked',
          label: 'Cracked, or a display fault (dead pixels, lines, touch not responding)',
          cap: 'Broken',
          reason: 'The screen is cracked or has a display fault.',
        },
      ],
    },
    body(
      'What condition is the housing?',
      'Look at the top, sides and covers at arm’s length.',
      'Light signs of use: fine scratches or small scuffs',
      'Visible scratches, scuffs or dents',
      'Cracked or broken housing, or missing covers',
      'The housing is cracked, broken or missing parts.',
    ),
    worksQuestion(
      'controllers',
      'Do the controllers (or built-in controls) work?',
      'Test every button and both sticks: the sticks must not drift when released. For Switch, test both Joy-Con attached and detached.',
      'No: stick drift, dead buttons, or it won’t connect',
      'A controller is faulty (stick drift, dead buttons or no connection).',
    ),
    {
      id: 'disc_drive',
      text: 'Does the disc drive read and eject discs?',
      help: 'Insert a game or film disc, check it plays, then eject it.',
      options: [
        { id: 'works', label: 'Yes, it reads and ejects discs', cap: 'Flawless' },
        { id: 'no_drive', label: 'No disc drive (Digital Edition, Series S, Switch, handheld)', cap: 'Flawless' },
        { id: 'fault', label: 'No, it doesn’t read or eject discs', cap: 'Broken', reason: 'The disc drive is faulty.' },
      ],
    },
    worksQuestion(
      'functions',
      'Does everything else work?',
      'Check HDMI output, USB ports, Wi-Fi, the fan (no grinding noise or overheating shutdowns) and, for Switch, the dock.',
      'No, something doesn’t work',
      'Something doesn’t work (HDMI, ports, Wi-Fi, the fan or the dock).',
    ),
    accountLock(
      'Is the console signed out and reset to factory settings?',
      'Before shipping, deactivate it as your primary console, sign out of PlayStation Network / Xbox / Nintendo / Steam and reset it to factory settings. A console still linked to an account cannot be accepted.',
      'No, it is still linked to an account',
    ),
  ],

  smartwatches: [
    powersOn(
      'Does the watch turn on and stay on?',
      'Put it on its charger for 30 minutes first. It should start up to the watch face or pairing screen.',
      'No, it doesn’t turn on or keeps restarting',
      'The watch does not power on or keeps restarting.',
    ),
    screen(
      'What condition is the screen in?',
      'Cracked or chipped glass, or a display fault (dead pixels, lines, touch not responding)',
    ),
    body(
      'What condition is the case?',
      'Take off the band and look at the case, the crown and the sensor on the back at arm’s length.',
      'Light signs of use: fine scratches or small scuffs',
      'Visible scratches, scuffs or dents',
      'Cracked back sensor, bent or broken case, stuck crown',
      'The case or back sensor is cracked or broken.',
    ),
    worksQuestion(
      'functions',
      'Does everything work?',
      'Check the touch screen, the crown and buttons, heart-rate and other sensors, speaker, microphone, GPS, and that it charges on its charger.',
      'No, something doesn’t work',
      'Something doesn’t work (touch, crown, buttons, sensors, speaker or charging).',
    ),
    batteryHealth(
      'Apple Watch: Settings › Battery › Battery Health. Other watches: choose the answer that best matches how long a charge lasts compared with when it was new.',
    ),
    accountLock(
      'Is the watch unpaired and removed from your account?',
      'Before shipping, unpair an Apple Watch in the Watch app on your iPhone (this removes Activation Lock); reset Galaxy, Pixel or Garmin watches and remove them from the companion app and your Samsung / Google / Garmin account. A watch still linked to an account cannot be accepted.',
      'No, it is still paired or linked to an account',
    ),
  ],

  headphones: [
    powersOn(
      'Do they turn on and connect over Bluetooth?',
      'Charge them first, then pair them with a phone.',
      'No, they don’t turn on or won’t connect',
      'They do not power on or connect.',
    ),
    body(
      'What condition are they in (headband, ear cups or earbuds)?',
      'Look at the headband, ear cups, cushions and earbuds at arm’s length.',
      'Light signs of use: fine scratches or small scuffs',
      'Visible scratches, scuffs, dents or worn ear cushions',
      'Cracked, broken hinge or headband, or torn cushions',
      'They are cracked or broken (hinge, headband, cushions or earbuds).',
    ),
    worksQuestion(
      'sound',
      'Does the sound work on both sides, with noise cancelling and the microphone?',
      'Play music: both sides should be equally loud, without crackling. Test noise cancelling / transparency, the touch or button controls, and the microphone on a call.',
      'No: one side is silent or crackles, or a feature doesn’t work',
      'Sound, noise cancelling, controls or the microphone don’t work properly.',
    ),
    {
      id: 'charging_case',
      text: 'For earbuds: does the charging case work?',
      help: 'The case must close, charge the earbuds and charge itself. Earbuds cannot be accepted without their own case. Over-ear and on-ear headphones: choose “Not applicable”.',
      options: [
        { id: 'works', label: 'Yes, it charges and closes properly', cap: 'Flawless' },
        { id: 'not_applicable', label: 'Not applicable (over-ear or on-ear headphones)', cap: 'Flawless' },
        {
          id: 'fault',
          label: 'No, it doesn’t charge or close, or it is missing',
          cap: 'Broken',
          reason: 'The charging case is faulty or missing.',
        },
      ],
    },
    {
      id: 'battery',
      text: 'How long does a full charge last?',
      help: 'Compare with how long they lasted when new.',
      options: [
        { id: 'high', label: 'About as long as when new', cap: 'Flawless' },
        { id: 'medium', label: 'A little shorter than when new', cap: 'Good', reason: 'Battery life is slightly reduced.' },
        { id: 'low', label: 'Much shorter: less than half', cap: 'Fair', reason: 'Battery life is much reduced.' },
        { id: 'service', label: 'They don’t hold a charge', cap: 'Broken', reason: 'The battery doesn’t hold a charge.' },
      ],
    },
    accountLock(
      'Are they removed from your account?',
      'AirPods and Beats: remove them from Find My and reset them before shipping. Other headphones: unpair them from your devices. Headphones still linked to an Apple Account cannot be accepted.',
      'No, they are still linked to an Apple Account / Find My',
    ),
  ],
};

function buildQuestionnaire(category: CategoryId, defs: QuestionDef[]): Questionnaire {
  const questions: Question[] = defs.map((q) => ({
    id: q.id,
    text: q.text,
    ...(q.help === undefined ? {} : { help: q.help }),
    options: q.options.map((o) => ({ id: o.id, label: o.label })),
  }));
  return { category, questions };
}

function buildRules(defs: QuestionDef[]): GradingRules {
  const rules: GradingRules = {};
  for (const q of defs) {
    const byOption: GradingRules[string] = {};
    for (const o of q.options) byOption[o.id] = o.reason === undefined ? { cap: o.cap } : { cap: o.cap, reason: o.reason };
    rules[q.id] = byOption;
  }
  return rules;
}

function mapCategories<T>(fn: (category: CategoryId, defs: QuestionDef[]) => T): Record<CategoryId, T> {
  return {
    smartphones: fn('smartphones', DEFS.smartphones),
    tablets: fn('tablets', DEFS.tablets),
    laptops: fn('laptops', DEFS.laptops),
    consoles: fn('consoles', DEFS.consoles),
    smartwatches: fn('smartwatches', DEFS.smartwatches),
    headphones: fn('headphones', DEFS.headphones),
  };
}

/** One single-choice assessment per category, questions in the order they are asked. */
export const QUESTIONNAIRES: Record<CategoryId, Questionnaire> = mapCategories(buildQuestionnaire);

/** questionId → optionId → { cap, reason } for every category. */
export const GRADING_RULES: Record<CategoryId, GradingRules> = mapCategories((_category, defs) => buildRules(defs));
