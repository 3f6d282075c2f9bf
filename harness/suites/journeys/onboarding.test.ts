import { runSuite } from "../../vitest/run-suite.ts";
import { onboardingJourney } from "./onboarding.suite.ts";

runSuite(onboardingJourney);
