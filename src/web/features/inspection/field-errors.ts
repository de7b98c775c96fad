/** The inputs of the inspection form that a server message can land on. */
type Named = 'price' | 'identity' | 'photoIds' | 'stillLinked' | 'refusal' | 'notes' | 'accessories';
const NAMED: Record<string, Named> = {
  'counteroffer.price': 'price',
  'counteroffer.price.amountMinor': 'price',
  identity: 'identity',
  'identity.value': 'identity',
  'identity.kind': 'identity',
  photoIds: 'photoIds',
  photos: 'photoIds',
  stillLinked: 'stillLinked',
  refusal: 'refusal',
  notes: 'notes',
  accessories: 'accessories',
};

export interface InspectionFieldErrors {
  questions: Record<string, string>;
  named: Partial<Record<Named, string>>;
  /** By defect subject, from `counteroffer.defects.<index>.…` in the order the form sent them. */
  defects: Record<string, string>;
  /** Messages with no input on screen: shown in the summary, never dropped. */
  other: Record<string, string>;
}

/** A 422's `fields` (paths as the server names them) spread over the form's inputs. */
export function splitFieldErrors(fields: Record<string, string>, on: { questions: string[]; defects: string[] }): InspectionFieldErrors {
  const out: InspectionFieldErrors = { questions: {}, named: {}, defects: {}, other: {} };
  for (const [path, message] of Object.entries(fields)) {
    const question = /^answers\.(.+)$/.exec(path)?.[1];
    const defect = /^counteroffer\.defects\.(\d+)(\.|$)/.exec(path)?.[1];
    const accessory = path.startsWith('accessories.');
    if (question && on.questions.includes(question)) out.questions[question] = message;
    else if (defect !== undefined && on.defects[Number(defect)]) out.defects[on.defects[Number(defect)]!] = message;
    else if (NAMED[path]) out.named[NAMED[path]] = message;
    else if (accessory) out.named.accessories = message;
    else out.other[path] = message;
  }
  return out;
}
