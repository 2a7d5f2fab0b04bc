#!/usr/bin/env node
// The kith command. Runs the compiled CLI (npm install builds it through `prepare`). CommonJS,
// like everything it loads: Node then starts without its ES module loader.
'use strict';

require('../dist/cli/main.cjs')
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
