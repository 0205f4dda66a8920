"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.commentFields = exports.commentOperations = void 0;
const SharedFields_1 = require("./SharedFields");
const COMMENTS_CAP = 500;
exports.commentOperations = [
    {
        displayName: 'Operation',
        name: 'operation',
        type: 'options',
        noDataExpression: true,
        displayOptions: { show: { resource: ['comment'] } },
        options: [
            {
                name: 'Get Many',
                value: 'getAll',
                action: 'Get many comments on a post',
                description: 'Get the top-level comments on a TikTok post',
                routing: (0, SharedFields_1.getManyRouting)('/tiktok/post/{postId}/comments', COMMENTS_CAP),
            },
            {
                name: 'Get Replies',
                value: 'getReplies',
                action: 'Get replies to a comment',
                description: 'Get the replies to one comment on a TikTok post',
                routing: (0, SharedFields_1.getManyRouting)('/tiktok/post/{postId}/comments/{commentId}/replies', COMMENTS_CAP),
            },
        ],
        default: 'getAll',
    },
];
exports.commentFields = [
    (0, SharedFields_1.postIdField)({ resource: ['comment'], operation: ['getAll', 'getReplies'] }),
    {
        displayName: 'Comment ID',
        name: 'commentId',
        type: 'string',
        required: true,
        default: '',
        placeholder: '7636187917325304607',
        description: 'ID of the comment whose replies to get, as returned by Comment → Get Many',
        displayOptions: { show: { resource: ['comment'], operation: ['getReplies'] } },
    },
    ...(0, SharedFields_1.returnAllAndLimit)({ resource: ['comment'], operation: ['getAll', 'getReplies'] }, COMMENTS_CAP),
];
