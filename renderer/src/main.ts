import { getApi } from './api/client';
import { startApp } from './app/app-shell';

startApp(getApi());
