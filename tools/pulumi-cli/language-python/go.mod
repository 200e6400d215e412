module pulumi-buddy-actions/tools/pulumi-language-python

go 1.24

// v3.68.0 is the last sdk/v3 release that still carries the Python language host inside the module (as for Node.js).
require github.com/pulumi/pulumi/sdk/v3 v3.68.0
