import { afterEach, describe, expect, it } from 'vitest';
import { aigerim, bolat, groupAnonymousBot, startHarness, telegramChat, telegramService, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const refusal = 'You need permission to manage this channel to use /subscribe.';

describe('Telegram bot: who may subscribe a group', () => {
  it('refuses /subscribe from a plain member of a group, and stores nothing', async () => {
    h = await startHarness();
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    h.tg.setMember(group, aigerim, 'member');
    const reply = await h.ask(group, aigerim, '/subscribe tokayev');
    expect(reply.text).toBe(refusal);
    // No ephemeral messages on Telegram: the refusal answers the command itself, in the group.
    const command = h.tg.messages(group).find((m) => !m.fromBot);
    expect(reply.replyToMessageId).toBe(command?.messageId);
    expect(await h.store.listForDestination(telegramChat(group))).toEqual([]);
    expect(h.tg.calls('getChatMember').map((c) => c.params.user_id)).toEqual([aigerim.id]);
  });

  it('confirms /subscribe from a group administrator and stores it for that chat', async () => {
    h = await startHarness();
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    h.tg.setMember(group, aigerim, 'administrator');
    const reply = await h.ask(group, aigerim, '/subscribe tokayev');
    expect(reply.text).toContain('Subscribed');
    expect(reply.text).toContain('This channel will get stories about Kassym-Jomart Tokayev');
    expect(reply.replyToMessageId).toBeUndefined();
    const [sub] = await h.store.listForDestination(telegramChat(group));
    expect(sub).toMatchObject({ destination: telegramChat(group), entities: ['tokayev'], createdBy: String(aigerim.id) });
  });

  it('reads keywords="fuel prices" typed in the group as one phrase, and keeps it when the topic is given again', async () => {
    h = await startHarness();
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    h.tg.setMember(group, aigerim, 'administrator');
    const reply = await h.ask(group, aigerim, '/subscribe topic=tokayev keywords="fuel prices" mode=digest hour=9');
    expect(reply.text).toContain('containing "fuel prices", in a daily digest at 09:00 Asia/Almaty');
    const again = await h.ask(group, aigerim, '/subscribe Тоқаев');
    expect(again.text).toContain('Nothing changed');
    const [sub] = await h.store.listForDestination(telegramChat(group));
    expect(sub).toMatchObject({ entities: ['tokayev'], keywords: ['fuel prices'], mode: 'digest', digestHour: 9, timeZone: 'Asia/Almaty' });
  });

  it('accepts the group creator in a basic group', async () => {
    h = await startHarness();
    const group = h.tg.addChat({ type: 'group', title: 'Family' });
    h.tg.setMember(group, bolat, 'creator');
    expect((await h.ask(group, bolat, '/subscribe')).text).toContain('Subscribed');
    expect(await h.store.listForDestination(telegramChat(group))).toHaveLength(1);
  });

  it('accepts an anonymous administrator posting as the group, once Telegram confirms the group has one', async () => {
    h = await startHarness();
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    h.tg.setMember(group, bolat, 'administrator', { anonymous: true });
    const reply = await h.ask(group, groupAnonymousBot, '/subscribe', { senderChat: group });
    expect(reply.text).toContain('Subscribed');
    const [sub] = await h.store.listForDestination(telegramChat(group));
    expect(sub?.createdBy).toBe(String(group));
    // Nobody to ask getChatMember about; getChatAdministrators says whether anyone may post as the group.
    expect(h.tg.calls('getChatAdministrators').map((c) => c.params.chat_id)).toEqual([group]);
  });

  it('refuses an update that claims to come from the group itself when the group has no anonymous administrator', async () => {
    h = await startHarness();
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    h.tg.setMember(group, aigerim, 'administrator');
    const reply = await h.ask(group, groupAnonymousBot, '/subscribe', { senderChat: group });
    expect(reply.text).toBe(refusal);
    expect(await h.store.listForDestination(telegramChat(group))).toEqual([]);
    expect(h.tg.calls('getChatAdministrators')).toHaveLength(1);
  });

  it('refuses a linked channel post auto-forwarded by the 777000 service account', async () => {
    h = await startHarness();
    const channel = h.tg.addChat({ type: 'channel', title: 'Kaz News', username: 'kaz_news' });
    const group = h.tg.addChat({ type: 'supergroup', title: 'Kaz News chat' });
    const reply = await h.ask(group, telegramService, '/subscribe', { senderChat: channel });
    expect(reply.text).toBe(refusal);
    expect(await h.store.listForDestination(telegramChat(group))).toEqual([]);
  });

  it('subscribes a forum topic on its own, and answers in that topic', async () => {
    h = await startHarness();
    const forum = h.tg.addChat({ type: 'supergroup', title: 'Desk', isForum: true });
    const topic = h.tg.addTopic(forum, 'Politics');
    h.tg.setMember(forum, aigerim, 'administrator');
    const reply = await h.ask(forum, aigerim, '/subscribe tokayev', { threadId: topic });
    expect(reply.threadId).toBe(topic);
    expect(await h.store.listForDestination(telegramChat(forum, topic))).toHaveLength(1);
    expect(await h.store.listForDestination(telegramChat(forum))).toEqual([]);
  });

  it('asks to try again when Telegram cannot say whether the user is an admin', async () => {
    h = await startHarness();
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    h.tg.setMember(group, aigerim, 'administrator');
    h.tg.failNext(1, 500, { methods: ['getChatMember'] });
    const reply = await h.ask(group, aigerim, '/subscribe');
    expect(reply.text).toBe('I could not check your permissions with Telegram just now. Please try again in a minute.');
    expect(await h.store.listForDestination(telegramChat(group))).toEqual([]);
    expect((await h.ask(group, aigerim, '/subscribe')).text).toContain('Subscribed');
  });

  it('lets a group member use commands that need no permission without asking Telegram', async () => {
    h = await startHarness();
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    expect((await h.ask(group, aigerim, '/subscriptions')).text).toContain('This channel has no subscriptions');
    expect(h.tg.calls('getChatMember')).toEqual([]);
  });
});

describe('Telegram bot: private chats', () => {
  it('lets a user subscribe their own private chat', async () => {
    h = await startHarness();
    const dm = h.tg.addChat({ type: 'private', user: aigerim });
    expect((await h.ask(dm, aigerim, '/subscribe tokayev')).text).toContain('Subscribed');
    expect(await h.store.listForDestination(telegramChat(dm))).toHaveLength(1);
  });

  it('answers commands of one chat in the order they were sent', async () => {
    h = await startHarness();
    const dm = h.tg.addChat({ type: 'private', user: aigerim });
    for (const text of ['/subscribe tokayev', '/unsubscribe all', '/subscribe', '/subscriptions']) {
      h.tg.sendUserMessage({ chatId: dm, from: aigerim, text });
    }
    const replies = await h.tg.waitForBotReplies(dm, 4);
    expect(replies.map((m) => m.text.split('\n')[0])).toEqual(['Subscribed', 'Unsubscribed', 'Subscribed', "This channel's subscriptions (1)"]);
  });

  it('subscribes a channel named by @username when both the user and the bot administer it', async () => {
    h = await startHarness();
    const channel = h.tg.addChat({ type: 'channel', title: 'Kaz News', username: 'kaz_news' });
    h.tg.setMember(channel, aigerim, 'administrator');
    const dm = h.tg.addChat({ type: 'private', user: aigerim });
    const reply = await h.ask(dm, aigerim, '/subscribe @kaz_news tokayev');
    expect(reply.text).toContain('Channel: Kaz News');
    expect(reply.text).toContain('Subscribed');
    const [sub] = await h.store.listForDestination(telegramChat(channel));
    expect(sub).toMatchObject({ entities: ['tokayev'], createdBy: String(aigerim.id) });
    expect(await h.store.listForDestination(telegramChat(dm))).toEqual([]);
    expect(h.tg.calls('getChatMember').map((c) => Number(c.params.user_id))).toEqual([aigerim.id, h.tg.bot.id]);
  });

  it('accepts the channel by its -100 id, and /subscriptions and /unsubscribe work on it too', async () => {
    h = await startHarness();
    const channel = h.tg.addChat({ type: 'channel', title: 'Kaz News' });
    h.tg.setMember(channel, aigerim, 'creator');
    const dm = h.tg.addChat({ type: 'private', user: aigerim });
    expect((await h.ask(dm, aigerim, `/subscribe ${channel}`)).text).toContain('Subscribed');
    expect((await h.ask(dm, aigerim, `/subscriptions ${channel}`)).text).toContain('Every Kazakhstan story as it breaks');
    expect((await h.ask(dm, aigerim, `/unsubscribe ${channel} all`)).text).toContain('Removed 1 subscription');
    expect(await h.store.listForDestination(telegramChat(channel))).toEqual([]);
  });

  it('refuses a channel the user does not administer', async () => {
    h = await startHarness();
    const channel = h.tg.addChat({ type: 'channel', title: 'Kaz News', username: 'kaz_news' });
    h.tg.setMember(channel, aigerim, 'member');
    const dm = h.tg.addChat({ type: 'private', user: aigerim });
    const reply = await h.ask(dm, aigerim, '/subscribe @kaz_news');
    expect(reply.text).toBe('Only administrators of Kaz News can manage its news. Ask one of them.');
    expect(await h.store.listForDestination(telegramChat(channel))).toEqual([]);
  });

  it('refuses a channel where the bot is not an administrator', async () => {
    h = await startHarness();
    const channel = h.tg.addChat({ type: 'channel', title: 'Kaz News', username: 'kaz_news', botStatus: 'member' });
    h.tg.setMember(channel, aigerim, 'administrator');
    const dm = h.tg.addChat({ type: 'private', user: aigerim });
    const reply = await h.ask(dm, aigerim, '/subscribe @kaz_news');
    expect(reply.text).toContain('Make me an administrator of Kaz News');
    expect(await h.store.listForDestination(telegramChat(channel))).toEqual([]);
  });

  it('refuses a channel it cannot see', async () => {
    h = await startHarness();
    const dm = h.tg.addChat({ type: 'private', user: aigerim });
    const reply = await h.ask(dm, aigerim, '/subscribe @nowhere_news');
    expect(reply.text).toBe('I cannot see @nowhere_news. Add me to it as an administrator, then try again.');
  });
});
