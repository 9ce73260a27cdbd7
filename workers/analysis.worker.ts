import * as Comlink from 'comlink';
import { analysisApi } from './analysisApi';

Comlink.expose(analysisApi);
