/** The rotation page's views, in the address (`/rotations?view=calendar`); kept apart so the router loads no page code. */
export const rotationViews = ['calendar', 'list', 'report'] as const;
export type RotationView = (typeof rotationViews)[number];
export const isRotationView = (v: unknown): v is RotationView => rotationViews.includes(v as RotationView);
