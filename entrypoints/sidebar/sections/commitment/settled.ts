/** Told once a commitment is settled (or saved): what to say; focus goes to the heading. */
export type Settled = { onSettled: (message: string) => void };
