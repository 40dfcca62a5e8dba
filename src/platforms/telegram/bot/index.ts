export { createTelegramBot, type TelegramBot, type TelegramBotOptions } from './create-bot.js';
export { telegramCommandMenu } from './command-menu.js';
export { renderTelegramReply, type TelegramReply, type RenderReplyOptions } from './render-reply.js';
export { defaultWebhookPath } from './webhook.js';
