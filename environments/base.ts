// What every environment shares: the components of the shop platform with their defaults.
import { defineEnvironment } from 'kasane';
import autoscaling from '../components/autoscaling.ts';
import batch from '../components/batch.ts';
import config from '../components/config.ts';
import echo from '../components/echo.ts';
import edge from '../components/edge.ts';
import logCollector from '../components/log-collector.ts';
import mysql from '../components/mysql.ts';
import nginx from '../components/nginx.ts';
import photoView from '../components/photo-view.ts';
import platform from '../components/platform.ts';
import webServer from '../components/web-server.ts';

export default defineEnvironment({
  name: 'base',
  abstract: true,
  components: [config, echo, photoView, nginx, webServer, mysql, logCollector, batch, edge, autoscaling, platform],
  annotations: { 'shop.example.com/owner': 'platform-team' },
});
