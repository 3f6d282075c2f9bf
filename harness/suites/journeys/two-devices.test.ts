import { runSuite } from "../../vitest/run-suite.ts";
import { twoDevicesJourney } from "./two-devices.suite.ts";

runSuite(twoDevicesJourney);
