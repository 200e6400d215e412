// Preloaded (`node -r`) into the dynamic provider process while profiling (see ./node). The engine kills that
// process instead of letting it exit, so the CPU profile is taken through node:inspector and written out in
// half-second chunks as it runs (provider-<pid>-<n>.cpuprofile); the chunks together are the whole profile, less
// at most the last half second. scripts/profile/summarize.js adds them up.
"use strict";
const fs = require("fs");
const inspector = require("inspector");
const path = require("path");

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  let chunk = 0;
  const start = () => session.post("Profiler.start");
  session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 1000 }, start));
  setInterval(() => {
    session.post("Profiler.stop", (err, result) => {
      if (!err && result.profile.samples && result.profile.samples.length > 0) {
        fs.writeFileSync(
          path.join(dir, `provider-${process.pid}-${chunk++}.cpuprofile`),
          JSON.stringify(result.profile),
        );
      }
      start();
    });
  }, 500).unref();
}
