export * from './mapping.ts';
export * from './daily-summaries.ts';
export * from './contact-day.ts';
export * from './v1-score.ts';
export * from './cocoa-config.ts';
