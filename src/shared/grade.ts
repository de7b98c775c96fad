/** Device condition grades, best first. The order is the rule: a lower index is a better device. */
export const GRADES = ['Flawless', 'Good', 'Fair', 'Broken'] as const;
export type Grade = (typeof GRADES)[number];

export function gradeRank(grade: Grade): number {
  return GRADES.indexOf(grade);
}

/** The worse of two grades (a device is only as good as its worst answer). */
export function worseGrade(a: Grade, b: Grade): Grade {
  return gradeRank(a) >= gradeRank(b) ? a : b;
}

export const GRADE_MEANING: Record<Grade, string> = {
  Flawless: 'Like new: no visible marks at arm’s length, everything works.',
  Good: 'Light signs of use (fine scratches, small scuffs), everything works.',
  Fair: 'Visible scratches or dents, everything works.',
  Broken: 'Cracked glass, a fault, or does not power on.',
};
