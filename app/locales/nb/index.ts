/**
 * One file per capability, merged into the single "translation" namespace.
 * Each capability adds its own top-level key, so parallel work never edits the same lines.
 */
import common from "./common";
import organiser from "./organiser";
import auth from "./auth";
import admin from "./admin";
import attendance from "./attendance";
import surveys from "./surveys";
import partners from "./partners";
import registration from "./registration";
import calendar from "./calendar";
import courses from "./courses";
import collaboration from "./collaboration";
import followUp from "./followup";
import lifecycle from "./lifecycle";
import offers from "./offers";
import absence from "./absence";
import accessibility from "./accessibility";
import meetings from "./meetings";
import dialogue from "./dialogue";

export default {
  ...common,
  ...organiser,
  ...auth,
  ...admin,
  ...attendance,
  ...surveys,
  ...partners,
  ...registration,
  ...calendar,
  ...courses,
  ...collaboration,
  ...followUp,
  ...lifecycle,
  ...offers,
  ...absence,
  ...accessibility,
  ...meetings,
  ...dialogue,
};
