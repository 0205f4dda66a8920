export * from './comment';
export * from './hashtag';
export * from './post';
export * from './user';
