import { test } from 'vitest';
import { validateSchema } from '../src/validate/schema.ts';
import { resources } from './fixtures/validate/objects.ts';
test('x', () => {
  const objs = [
    ['batch/v1beta1','CronJob'],['policy/v1beta1','PodDisruptionBudget'],['policy/v1beta1','PodSecurityPolicy'],['autoscaling/v2beta2','HorizontalPodAutoscaler'],
    ['flowcontrol.apiserver.k8s.io/v1beta2','FlowSchema'],['flowcontrol.apiserver.k8s.io/v1beta3','PriorityLevelConfiguration'],['networking.k8s.io/v1beta1','Ingress'],['extensions/v1beta1','Ingress'],['networking.k8s.io/v1beta1','IPAddress'],['coordination.k8s.io/v1beta1','LeaseCandidate'],['admissionregistration.k8s.io/v1','MutatingAdmissionPolicy'],
  ];
  for (const m of ['1.29','1.31','1.32','1.36','1.35']) for (const [a,k] of objs) {
    const f = validateSchema(resources({apiVersion:a,kind:k,metadata:{name:'x'}}), {kubernetesVersion:m});
    console.log(m, a, k, JSON.stringify(f.map(x=>[x.severity,x.code,x.message])));
  }
});
