module pulumi-buddy-actions/tools/pulumi-language-nodejs

go 1.24

// v3.68.0 is the last sdk/v3 release that still carries the Node.js language host inside the module;
// later hosts are untagged modules the proxy refuses.
require github.com/pulumi/pulumi/sdk/v3 v3.68.0
