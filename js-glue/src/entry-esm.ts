// Entry of oolong.mjs: the default baseUrl is the folder of this module.
import { _setScriptUrl } from './oolong';

_setScriptUrl(import.meta.url);

export * from './oolong';
