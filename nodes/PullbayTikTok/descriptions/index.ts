export * from './CommentDescription';
export * from './HashtagDescription';
export * from './PostDescription';
export * from './UserDescription';
