// The base of patch/smp-delete-object: the component with the base objects, no overlay of its own.
import { defineEnvironment } from 'kasane';
import base from '../components/base.ts';

export default defineEnvironment({
  name: 'base',
  abstract: true,
  components: [base],
});
