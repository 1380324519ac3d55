/** A measure counts as ongoing while a task is open or was done within this many days (or an intervention runs in an open case). */
export const ONGOING_MEASURE_DAYS = 28;
