import * as Comlink from 'comlink';
import './keepWordedErrors';
import { analysisApi } from './analysisApi';

Comlink.expose(analysisApi);
