import { closeImport, resultGroup, sendAndTake } from './exchange-helpers.js';
import { expect, test } from './harness.js';
import { createProfile, importText, newChat, shot } from './ui-helpers.js';

test("a new chat from a pointer: once its secret checks out, the name offered is the sender's title", async ({
  launch,
}) => {
  const [a, b] = await Promise.all([launch(), launch()]);
  await createProfile(a.page, 'alice');
  await createProfile(b.page, 'bob');
  await newChat(a.page, 'Project Athena', 'owl feather');
  const pointer = await sendAndTake(a, 'kickoff at nine');

  const d = await importText(b.page, pointer);
  const row = resultGroup(d);
  await expect(row).toContainText('New chat');
  await expect(row.getByLabel('Name for the new chat')).toHaveCount(0);
  await row.getByLabel('Secret for this pointer').fill('owl feather');
  await row.getByLabel('Secret for this pointer').press('Enter');
  const name = row.getByLabel('Name for the new chat');
  await expect(name).toHaveValue('Project Athena');
  await expect(name).toBeFocused();
  await expect(row.getByText('Named as the sender calls it')).toBeVisible();
  await shot(b.page, '15-import-title-prefilled');
  // Nothing is stored by looking.
  expect(b.messenger.listChats()).toEqual([]);
  // The person may keep it or change it.
  await name.fill('Athena (work)');
  await row.getByRole('button', { name: 'Create chat' }).click();
  await expect(row).toContainText('New chat "Athena (work)" created');
  await closeImport(b.page);
  expect(b.messenger.listChats().map((c) => c.name)).toEqual(['Athena (work)']);
});
