// Entry of oolong.js (global `Oolong`): the default baseUrl is the folder of this script.
import { _setScriptUrl } from './oolong';

_setScriptUrl(typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null)?.src : undefined);

export * from './oolong';
