"""Runs moto's server for the deploy tests, with one fix to moto's CloudFormation.

moto (checked up to 5.2.5) executes a change set without registering the stack's outputs and
exports, and resolves Fn::ImportValue in a change set against no exports at all: a stack
deployed through change sets has no outputs, and a second stack importing from it fails with
"No export named ... found". CreateStack/UpdateStack do both. This wrapper makes
ChangeSet.apply do what CreateStack does, then starts moto.server with the given arguments
(`-H 127.0.0.1 -p PORT`). It changes nothing else.
"""

import sys

from moto.cloudformation import models
from moto.server import main

_apply = models.ChangeSet.apply


def _apply_with_exports(self):
    stack = self.stack
    backend = models.cloudformation_backends[stack.account_id][stack.region_name]
    stack.cross_stack_resources = backend.exports
    stack.resource_map.cross_stack_resources = backend.exports
    _apply(self)
    stack.template = self.template
    stack._parse_template()
    stack.output_map = stack._create_output_map()
    for name, export in list(backend.exports.items()):
        if export.exporting_stack_id == stack.stack_id:
            del backend.exports[name]
    for export in stack.exports:
        backend.exports[export.name] = export


models.ChangeSet.apply = _apply_with_exports

if __name__ == "__main__":
    main(sys.argv[1:])
