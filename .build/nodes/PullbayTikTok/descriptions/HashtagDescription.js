"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.hashtagFields = exports.hashtagOperations = void 0;
const SharedFields_1 = require("./SharedFields");
exports.hashtagOperations = [
    {
        displayName: 'Operation',
        name: 'operation',
        type: 'options',
        noDataExpression: true,
        displayOptions: { show: { resource: ['hashtag'] } },
        options: [
            {
                name: 'Get',
                value: 'get',
                action: 'Get a hashtag',
                description: 'Get a TikTok hashtag and its total views by name',
                routing: (0, SharedFields_1.getOneRouting)('/tiktok/hashtag/handle/{hashtagName}'),
            },
        ],
        default: 'get',
    },
];
exports.hashtagFields = [
    {
        displayName: 'Hashtag Name',
        name: 'hashtagName',
        type: 'string',
        required: true,
        default: '',
        placeholder: 'fyp',
        description: 'Hashtag without the #, 1 to 100 characters, such as fyp',
        displayOptions: { show: { resource: ['hashtag'], operation: ['get'] } },
    },
];
