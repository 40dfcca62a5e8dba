export { createDiscordBot, type DiscordBot, type DiscordBotOptions } from './create-bot.js';
export { slashCommandJson, slashCommandsJson, type SlashCommandJson } from './command-json.js';
export { registerSlashCommands, type RegisterOptions, type RegisterOutcome } from './registration.js';
export { renderDiscordReply, type DiscordReply } from './render-reply.js';
