import { describe, expect, it } from "vitest";
import { CONTACTS_WARN_RATIO, contactWarnings, ORG_CONTACTS_LIMIT, USER_CONTACTS_LIMIT } from "./contacts.ts";

const org = (total: number) => contactWarnings({ totalOrgContactsInContactService: total });
const users = (total: number) => contactWarnings({ totalUserContactsInContactService: total });

describe("contactWarnings", () => {
  it("uses Webex's limits: 500 organization contacts, 1,500 synced user contacts, warning from 90%", () => {
    expect([ORG_CONTACTS_LIMIT, USER_CONTACTS_LIMIT, CONTACTS_WARN_RATIO]).toEqual([500, 1500, 0.9]);
  });

  it("stays quiet below 90% of the organization contact limit and warns from it", () => {
    expect(org(449)).toEqual([]);
    const [near] = org(450);
    expect(near).toMatch(/^Organization contacts: 450 of Webex's limit of 500 \(90%\)/);
    expect(near).not.toMatch(/at Webex's limit/);
  });

  it("says entries are left out once organization contacts reach the limit", () => {
    for (const total of [500, 730]) {
      const [at] = org(total);
      expect(at).toMatch(new RegExp(`^Organization contacts: ${total}, at Webex's limit of 500`));
      expect(at).toMatch(/left out by Webex/);
    }
  });

  it("does the same for synced user contacts at 1,350 and 1,500", () => {
    expect(users(1349)).toEqual([]);
    expect(users(1350)).toEqual([
      expect.stringMatching(/^Synced user contacts: 1,350 of Webex's limit of 1,500 \(90%\)/),
    ]);
    expect(users(1500)).toEqual([
      expect.stringMatching(/^Synced user contacts: 1,500, at Webex's limit of 1,500.*left out/),
    ]);
  });

  it("reports both totals when both are high, and nothing when nothing is known", () => {
    expect(
      contactWarnings({ totalOrgContactsInContactService: 499, totalUserContactsInContactService: 1600 }),
    ).toHaveLength(2);
    expect(contactWarnings({ syncStatus: "COMPLETE" })).toEqual([]);
    expect(contactWarnings(null)).toEqual([]);
  });
});
