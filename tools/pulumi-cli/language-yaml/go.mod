module pulumi-buddy-actions/tools/pulumi-language-yaml

go 1.24.7

// The YAML language host lets the provider plugin be tested with a program that needs no SDK.
require github.com/pulumi/pulumi-yaml v1.25.0
