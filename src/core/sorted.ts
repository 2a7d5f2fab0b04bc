/** Sorted lists of numbers. */

/** Whether an ascending list holds `x` (a binary search). */
export function sortedHas(list: ArrayLike<number>, x: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid] as number;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
