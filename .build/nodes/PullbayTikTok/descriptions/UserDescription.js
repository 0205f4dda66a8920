"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.userFields = exports.userOperations = void 0;
const SharedFields_1 = require("./SharedFields");
const POSTS_CAP = 200;
exports.userOperations = [
    {
        displayName: 'Operation',
        name: 'operation',
        type: 'options',
        noDataExpression: true,
        displayOptions: { show: { resource: ['user'] } },
        options: [
            {
                name: 'Get',
                value: 'get',
                action: 'Get a user',
                description: 'Get a TikTok user profile (followers, likes, bio) by handle',
                routing: (0, SharedFields_1.getOneRouting)('/tiktok/user/handle/{username}'),
            },
            {
                name: 'Get Posts',
                value: 'getPosts',
                action: 'Get posts of a user',
                description: 'Get the posts a TikTok user published, newest first, by numeric user ID',
                routing: (0, SharedFields_1.getManyRouting)('/tiktok/user/{userId}/posts', POSTS_CAP),
            },
        ],
        default: 'get',
    },
];
exports.userFields = [
    {
        displayName: 'Username',
        name: 'username',
        type: 'string',
        required: true,
        default: '',
        placeholder: 'tiktok',
        description: 'TikTok handle without the @, 1 to 100 characters, such as tiktok',
        displayOptions: { show: { resource: ['user'], operation: ['get'] } },
    },
    {
        displayName: 'User ID',
        name: 'userId',
        type: 'string',
        required: true,
        default: '',
        placeholder: '107955',
        description: 'Numeric TikTok user ID, such as 107955, as returned by User → Get',
        displayOptions: { show: { resource: ['user'], operation: ['getPosts'] } },
    },
    ...(0, SharedFields_1.returnAllAndLimit)({ resource: ['user'], operation: ['getPosts'] }, POSTS_CAP),
    {
        displayName: 'Options',
        name: 'options',
        type: 'collection',
        placeholder: 'Add Option',
        default: {},
        displayOptions: { show: { resource: ['user'], operation: ['getPosts'] } },
        options: [SharedFields_1.regionOption],
    },
];
