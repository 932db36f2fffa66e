import { webexId } from "../util/ids.ts";
import { type GenCtx, isoDaysAgo } from "./context.ts";

const GROUP_NAMES = ["Sales", "Engineering", "Support", "Executives", "Contractors", "Finance", "Marketing"];

/** SCIM groups with members, and the teams and rooms of the org's administrator. */
export function generateSocial(ctx: GenCtx): void {
  const { org, rng } = ctx;
  const people = org.collections.people.items;
  const groups = Math.max(2, Math.ceil(ctx.users / 100));
  for (let g = 0; g < groups; g++) {
    const created = isoDaysAgo(ctx, 800);
    const memberCount = Math.min(people.length, rng.int(1, Math.min(40, people.length)));
    const start = rng.int(0, Math.max(0, people.length - memberCount));
    const members = people
      .slice(start, start + memberCount)
      .map((p) => ({ id: p.id, type: "user", displayName: p.displayName }));
    const base = GROUP_NAMES[g % GROUP_NAMES.length];
    org.collections.groups.add({
      id: webexId("SCIM_GROUP", `${rng.uuid()}:${org.uuid}`),
      displayName:
        g < GROUP_NAMES.length ? `${base} Group` : `${base} Group ${Math.floor(g / GROUP_NAMES.length) + 1}`,
      orgId: org.id,
      created,
      lastModified: created,
      memberSize: members.length,
      members,
    });
  }
  const teams = Math.max(2, Math.ceil(ctx.users / 100));
  const creatorId = org.adminId;
  for (let t = 0; t < teams; t++) {
    const teamId = webexId("TEAM", rng.uuid());
    const name = `${GROUP_NAMES[t % GROUP_NAMES.length]} Squad ${t + 1}`;
    org.collections.teams.add({
      id: teamId,
      name,
      description: `The ${name} team`,
      created: isoDaysAgo(ctx, 700),
    });
    for (let r = 0; r < 2; r++) {
      const created = isoDaysAgo(ctx, 600);
      org.collections.rooms.add({
        id: webexId("ROOM", rng.uuid()),
        title: r === 0 ? `${name} - General` : `${name} - Sprint ${rng.int(1, 40)}`,
        type: "group",
        isLocked: false,
        teamId,
        lastActivity: isoDaysAgo(ctx, 20),
        creatorId,
        created,
        ownerId: org.id,
        isAnnouncementOnly: false,
        isReadOnly: false,
        isPublic: false,
        description: "",
      });
    }
  }
  const direct = Math.min(3, people.length - 1);
  for (let d = 1; d <= direct; d++) {
    const other = people[d]!;
    org.collections.rooms.add({
      id: webexId("ROOM", rng.uuid()),
      title: String(other.displayName),
      type: "direct",
      isLocked: false,
      lastActivity: isoDaysAgo(ctx, 10),
      creatorId,
      created: isoDaysAgo(ctx, 400),
      ownerId: org.id,
      isAnnouncementOnly: false,
      isReadOnly: false,
    });
  }
}
