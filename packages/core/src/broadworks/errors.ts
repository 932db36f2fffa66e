/**
 * @module broadworks/errors
 * What Webex for BroadWorks directory-sync error codes (6000xx) mean to a partner administrator, and what to
 * do about each. Webex answers with bare numbers (in `errors[].errorCode` of a sync status, or in the body of a
 * refused call); this turns them into advice a person can act on.
 */

export type BroadworksErrorExplanation = { code: number; known: boolean; meaning: string; action: string };

const TRY_AGAIN_THEN_CISCO =
  "Start the sync again later. If it fails the same way again, open a case with Cisco and quote the tracking id of the failed sync.";
const CHECK_PHONE_LISTS =
  "Check that the BroadWorks phone lists (enterprise common, group common and personal) are readable through the XSP/ADP and within Webex's contact limits, then sync again.";

const EXPLAINED: Record<number, { meaning: string; action: string }> = {
  600000: {
    meaning: "Webex ran into an unexpected problem while syncing this enterprise's BroadWorks-only users.",
    action: TRY_AGAIN_THEN_CISCO,
  },
  600001: {
    meaning: "Syncing the BroadWorks users who are not on Webex did not succeed.",
    action: `Make sure the BroadWorks cluster is up and answering. ${TRY_AGAIN_THEN_CISCO}`,
  },
  600002: {
    meaning: "The sync was stopped before it had finished, so its results are incomplete.",
    action: "Start the sync again and let it run to the end before changing the enterprise's sync settings.",
  },
  600003: {
    meaning: "The sync only partly worked: some customer orgs were not synced.",
    action:
      "Compare the sync status of the affected customers and sync those that were missed, one at a time.",
  },
  600004: {
    meaning:
      "Directory sync is switched off in the BroadWorks template (configuration set) this customer uses.",
    action:
      "Switch BroadWorks Directory Sync on in the customer's template in Partner Hub (Settings, BroadWorks Calling), then try again.",
  },
  600005: {
    meaning: "A sync for the same BroadWorks template (configuration set) is already running.",
    action: "Wait for the running sync to finish, then try again.",
  },
  600006: {
    meaning: "Webex's sync service is fully occupied or shutting down and is not taking new requests.",
    action: "Try again in a few minutes.",
  },
  600007: {
    meaning: "Webex cannot find the Webex org that belongs to this customer's BroadWorks configuration.",
    action:
      "Check in Partner Hub that the customer org still exists and is still linked to this enterprise. If it is, open a case with Cisco.",
  },
  600008: {
    meaning: "This customer's BroadWorks configuration is not part of your partner org.",
    action: "Check that the token wxsync uses belongs to the partner org that manages this customer.",
  },
  600009: {
    meaning:
      "The BroadWorks cluster this customer is on is already running an on-demand sync, and a cluster runs only one at a time.",
    action:
      "Wait for that sync to finish, then try again. wxsync's sync-all job does this for you: it starts the next enterprise only after the previous one is done.",
  },
  600010: {
    meaning: "No BroadWorks cluster is linked to this customer, so there is nothing to sync from.",
    action: "Link the customer to its BroadWorks cluster in Partner Hub, then sync.",
  },
  600011: {
    meaning: "Directory sync is not switched on for this customer.",
    action: "Enable directory sync for the enterprise first, then start the sync.",
  },
  600012: {
    meaning:
      "This customer already uses hybrid directory sync, which cannot run together with BroadWorks directory sync.",
    action:
      "Decide which directory source the customer should use; turn hybrid directory sync off before using BroadWorks directory sync.",
  },
  600013: {
    meaning: "Webex could not create the synced users and machine accounts in its identity store.",
    action: TRY_AGAIN_THEN_CISCO,
  },
  600014: {
    meaning: "Webex could not connect to the BroadWorks cluster to read its directory.",
    action:
      "Check that the cluster's XSP/ADP is reachable from Webex, that its CTI interface trusts the Webex CA certificate with client authentication on, and that its directory transaction limits follow Cisco's recommendations; then sync again.",
  },
  600015: {
    meaning: "A user Webex expected to find in its identity store is not there.",
    action: TRY_AGAIN_THEN_CISCO,
  },
  600017: {
    meaning:
      "The phone lists could not be synced: neither the users' contacts nor the org contacts came over.",
    action: CHECK_PHONE_LISTS,
  },
  600018: {
    meaning: "The users' contacts from the BroadWorks phone lists could not be synced.",
    action: CHECK_PHONE_LISTS,
  },
  600019: {
    meaning: "The org contacts (from the enterprise or group common phone list) could not be synced.",
    action: CHECK_PHONE_LISTS,
  },
  600020: {
    meaning: "Directory sync cannot be switched off while a sync for this customer is running.",
    action: "Wait for the running sync to finish, then switch directory sync off.",
  },
  600022: {
    meaning: "A single user cannot be synced because this enterprise has no users in BroadWorks.",
    action: "Check in BroadWorks that the user belongs to this enterprise.",
  },
  600023: {
    meaning: "That person is already a Webex user in this org, so there is no BroadWorks-only user to sync.",
    action: "Nothing to do: only BroadWorks users who are not on Webex are synced this way.",
  },
  600024: {
    meaning: "BroadWorks has no user with that id in this enterprise.",
    action: "Check the BroadWorks user id (it usually looks like an email address) and try again.",
  },
  600025: {
    meaning: "Webex could not update the user's account in its identity store.",
    action: TRY_AGAIN_THEN_CISCO,
  },
  600026: {
    meaning: "Webex could not update the machine account (a device or shared number) in its identity store.",
    action: TRY_AGAIN_THEN_CISCO,
  },
  600027: {
    meaning: "More than one BroadWorks user matches that id, so Webex cannot tell which one to sync.",
    action: "Make the user id unique in BroadWorks, then try again.",
  },
  600028: {
    meaning:
      "Single users can only be synced after a full directory sync of the enterprise has completed once.",
    action: "Run Sync now for the enterprise, wait until it is complete, then sync the user.",
  },
  600029: {
    meaning: "The sync failed because this enterprise has no users in BroadWorks.",
    action: "Add users to the enterprise in BroadWorks, or switch directory sync off for it.",
  },
};

/** Every 6000xx code wxsync can explain, in ascending order. */
export const BROADWORKS_ERROR_CODES: readonly number[] = Object.keys(EXPLAINED)
  .map(Number)
  .sort((a, b) => a - b);

export function explainBroadworksError(code: number): BroadworksErrorExplanation {
  const known = EXPLAINED[code];
  if (known) return { code, known: true, ...known };
  return {
    code,
    known: false,
    meaning: `Webex reported error code ${code}, which wxsync does not know.`,
    action:
      "Check the sync status in Partner Hub. If the problem stays, open a case with Cisco and quote the tracking id of the failed sync.",
  };
}
