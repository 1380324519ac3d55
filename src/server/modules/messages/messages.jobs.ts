/** The job that expands and sends due messages (every minute, and woken when a notice falls due). */
export const JOB_SEND_MESSAGES = 'messages.send-due';
