// Not shipped (package.json has no "main"): n8n finds the nodes and the credential through the
// "n8n" attribute of package.json, which points into dist/.
module.exports = {};
