export { luaScript } from '../../redis/lua-script.js';
