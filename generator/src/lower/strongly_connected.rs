//! Strongly connected components of a directed graph.

/// The strongly connected component of each node of a graph given as each
/// node's successors (`edges[node]`), numbered from 0 (Tarjan's algorithm,
/// iterative so that a deep graph cannot overflow the stack). Targets that
/// are not nodes of the graph must not occur.
pub fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut order = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNVISITED; n];
    let mut stack = Vec::new();
    let mut next_order = 0;
    let mut components = 0;
    for root in 0..n {
        if order[root] != UNVISITED {
            continue;
        }
        // (node, index of the next edge to follow)
        let mut work = vec![(root, 0)];
        order[root] = next_order;
        low[root] = next_order;
        next_order += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut next_edge)) = work.last_mut() {
            if let Some(&target) = edges[node].get(*next_edge) {
                *next_edge += 1;
                if order[target] == UNVISITED {
                    order[target] = next_order;
                    low[target] = next_order;
                    next_order += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    work.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(order[target]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::components;

    #[test]
    fn a_cycle_is_one_component_and_a_chain_is_not() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 0 and 4 (alone) are not on it.
        let found = components(&[vec![1], vec![2], vec![0], vec![0], vec![]]);
        assert_eq!(found[0], found[1]);
        assert_eq!(found[1], found[2]);
        assert_ne!(found[3], found[0]);
        assert_ne!(found[4], found[0]);
        assert_ne!(found[4], found[3]);
    }

    #[test]
    fn a_self_loop_is_its_own_component() {
        let found = components(&[vec![0], vec![0]]);
        assert_ne!(found[0], found[1]);
    }

    #[test]
    fn a_deep_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let found = components(&edges);
        assert!(found.iter().all(|&c| c == found[0]));
    }
}
